-- Aggregate declaration, split delivery (集中申报、分送集报): each consignment's declaration is a message
-- of its own, part n of the aggregate it was split from. The aggregate itself is never delivered.
alter table message add column part_of varchar(40) references message (tracking_id);
alter table message add column part_no integer;
-- a consignment is split once: a second split of the same aggregate cannot store its parts again
create unique index message_part on message (part_of, part_no) where part_of is not null;

-- What was last answered to an aggregate's submitter. Answering locks this row, so receipts for different
-- consignments arriving at once are aggregated one after the other, and one state is never sent twice.
create table aggregate_answer (
    tracking_id       varchar(40)  primary key references message (tracking_id),
    parts             integer      not null check (parts > 0),
    receipts_sent     integer      not null default 0,
    last_state_sha256 char(64),
    updated_at        timestamptz  not null
);
