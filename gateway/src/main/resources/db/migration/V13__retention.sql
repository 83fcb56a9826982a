-- Data retention (gateway.retention, off by default): a finished document older than the retention age loses its
-- payloads, history, violations and AS4 receipt, optionally archived first. Its message rows stay as tombstones with
-- their business keys: a resend under the same message id is still answered as a duplicate, tracking and the
-- certificate and AEO registers that point at it still find it, and one history line says when it was purged.
alter table message add column purged_at timestamptz;

-- The retention run's search: finished documents (neither a copy nor an aggregate's part) not yet purged, oldest change
-- first. Partial on the finished statuses so that the intake's and delivery's row versions on the way (RECEIVED to
-- QUEUED) add no entry: only a message's last one or two versions do.
create index message_retention on message (updated_at)
    where purged_at is null and copy_of is null and part_of is null and status in ('DELIVERED', 'ACKNOWLEDGED', 'REJECTED');
