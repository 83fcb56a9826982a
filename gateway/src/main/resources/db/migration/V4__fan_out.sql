-- A document routed to several receivers: the original goes to the first, a copy per further receiver
-- (same sender and payload, its own delivery, receipts and history) points back to it.
alter table message add column copy_of varchar(40) references message (tracking_id);
alter table message add column sender_signed boolean not null default false;
create index message_copy_of on message (copy_of) where copy_of is not null;

-- Copies carry the sender's message id for display, but only the original holds it for de-duplication.
drop index message_sender_message_id;
create unique index message_sender_message_id
    on message (sender, sender_message_id)
    where status <> 'REJECTED' and sender_message_id is not null and copy_of is null;

-- NATIVE: the gateway's XML reading of a payload that arrived in a party's own format (e.g. EDIFACT).
alter table message_payload drop constraint message_payload_kind_check;
alter table message_payload add constraint message_payload_kind_check check (kind in ('INBOUND', 'NATIVE', 'OUTBOUND'));
