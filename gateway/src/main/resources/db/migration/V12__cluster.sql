-- Several gateway nodes on one database (docs/adr/0013-several-nodes.md).

-- Every node says it is alive every few seconds. The node running the once-per-cluster duties reads it to tell a
-- message another live node is still working on from one a dead node left half-way; operators see the nodes and
-- whether they all run the same partner agreements.
create table cluster_node (
    node_id           varchar(128) primary key,
    started_at        timestamptz  not null,
    last_seen         timestamptz  not null,
    version           varchar(64)  not null,
    agreements_digest char(64)     not null
);

-- The console's login sessions, so any node serves any request (Spring Session JDBC's own PostgreSQL schema,
-- spring-session-jdbc 3.5.7 org/springframework/session/jdbc/schema-postgresql.sql, unchanged).
create table spring_session (
    primary_id            char(36)     not null,
    session_id            char(36)     not null,
    creation_time         bigint       not null,
    last_access_time      bigint       not null,
    max_inactive_interval int          not null,
    expiry_time           bigint       not null,
    principal_name        varchar(100),
    constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id char(36)     not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea        not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id) references spring_session (primary_id)
        on delete cascade
);

-- the stranded-message recovery asks for in-flight messages by status and age: the status index gains the age
-- instead of a second index that every status change would also have to update
drop index message_status;
create index message_status on message (status, updated_at);
