-- The message ledger: every message, its payloads, its business keys and every state transition.

create table message (
    tracking_id        varchar(40)  primary key,
    sender             varchar(64)  not null,
    sender_message_id  varchar(128),
    document_type      varchar(40),
    receiver           varchar(64),
    status             varchar(16)  not null,
    destination_status varchar(16),
    channel            varchar(16)  not null,
    reply_to           varchar(255),
    payload_sha256     char(64)     not null,
    payload_size       integer      not null,
    delivery_attempts  integer      not null default 0,
    last_error         text,
    received_at        timestamptz  not null,
    updated_at         timestamptz  not null
);

-- A resend under the same sender message id finds the first message. A rejected message leaves the
-- index, so the sender can correct it and send it again under the same id.
create unique index message_sender_message_id
    on message (sender, sender_message_id)
    where status <> 'REJECTED' and sender_message_id is not null;
create index message_sender_received on message (sender, received_at desc);
create index message_receiver_received on message (receiver, received_at desc);
create index message_status on message (status);

create table message_transition (
    id          bigserial    primary key,
    tracking_id varchar(40)  not null references message (tracking_id),
    status      varchar(16)  not null,
    at          timestamptz  not null,
    reason      text         not null
);
create index message_transition_tracking on message_transition (tracking_id, id);

-- Version 1 is the raw inbound payload; later versions are what was prepared for a destination.
create table message_payload (
    tracking_id varchar(40)  not null references message (tracking_id),
    version     integer      not null,
    kind        varchar(16)  not null check (kind in ('INBOUND', 'OUTBOUND')),
    destination varchar(64),
    sha256      char(64)     not null,
    size        integer      not null,
    body        bytea        not null,
    created_at  timestamptz  not null,
    primary key (tracking_id, version)
);

create table message_business_key (
    tracking_id varchar(40)  not null references message (tracking_id),
    kind        varchar(32)  not null,
    value       varchar(128) not null,
    primary key (tracking_id, kind, value)
);
create index message_business_key_value on message_business_key (value);

create table message_violation (
    tracking_id varchar(40)  not null references message (tracking_id),
    position    integer      not null,
    code        varchar(48)  not null,
    path        varchar(512),
    message     text         not null,
    line        integer,
    col         integer,
    primary key (tracking_id, position)
);
