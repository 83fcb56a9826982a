-- AS4 (ebMS3) gateway-to-gateway channel.

-- Non-repudiation evidence of what the gateway sent by AS4: the partner's signed receipt, verified, kept as
-- received, with the message it acknowledges. The ebMS message id is derived from the tracking id, so every
-- resend of a message carries the same id and a partner's duplicate elimination recognises it.
create table as4_sent_receipt (
    tracking_id         varchar(40)  primary key references message (tracking_id),
    ebms_message_id     varchar(200) not null unique,
    partner             varchar(64)  not null,
    receipt_message_id  varchar(200) not null,
    received_at         timestamptz  not null,
    signer_subject      varchar(512) not null,
    signer_serial       varchar(80)  not null,
    receipt             bytea        not null
);

-- Duplicate elimination of received AS4 user messages, across restarts and for the whole retry horizon
-- (gateway.as4.duplicate-retention): each ebMS message id once, with the signed receipt the gateway answered.
-- A message that comes again is answered with that same receipt instead of being taken in twice.
create table as4_received_message (
    ebms_message_id  varchar(200) primary key,
    partner          varchar(64),
    first_seen       timestamptz  not null,
    tracking_id      varchar(40),
    receipt          bytea,
    receipt_media    varchar(200),
    answered_at      timestamptz
);
create index as4_received_message_first_seen on as4_received_message (first_seen);
