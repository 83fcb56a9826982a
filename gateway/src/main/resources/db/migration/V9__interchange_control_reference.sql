-- The last UN/EDIFACT interchange control reference (UNB/UNZ 0020) the gateway wrote to each recipient id. A
-- recipient takes a repeated reference for a repeated interchange, so a reference is handed out once and the row
-- only ever counts up; it outlives restarts. 0020 is an..14: the check keeps the count within 14 digits.
create table interchange_control_reference (
    recipient_id   varchar(35) primary key,
    last_reference bigint      not null check (last_reference between 1 and 99999999999999),
    updated_at     timestamptz not null
);
