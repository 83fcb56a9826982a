-- The console: operators search every party's messages newest first and the dashboard counts the last hour's by
-- minute, both by arrival time; a message's page shows the AS4 receipt it was taken in with.
create index message_received on message (received_at desc);
create index as4_received_message_tracking on as4_received_message (tracking_id) where tracking_id is not null;
