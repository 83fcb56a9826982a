-- AEO mutual recognition: the AEO status of each enterprise as its country's customs administration last
-- reported it in an AEO status notice. One row per enterprise of a country; a newer notice replaces it.
create table aeo_status (
    issuing_country  char(2)      not null,
    enterprise_id    varchar(36)  not null,
    programme        varchar(32)  not null,
    name             varchar(200) not null,
    authorisation_no varchar(40)  not null,
    status           varchar(10)  not null check (status in ('VALID', 'SUSPENDED', 'REVOKED')),
    valid_from       date         not null,
    valid_until      date         not null,
    notice_id        varchar(64)  not null,
    notice_date      date         not null,
    tracking_id      varchar(40)  not null references message (tracking_id),
    updated_at       timestamptz  not null,
    primary key (issuing_country, enterprise_id)
);
