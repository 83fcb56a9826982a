-- Partners an operator suspended: their documents wait in their queues, across restarts, until resumed.
create table partner_suspension (
    party_id     varchar(64)  primary key,
    suspended_at timestamptz  not null,
    suspended_by varchar(64)  not null
);
