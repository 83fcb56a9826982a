-- AS4 evidence: every receipt the gateway issued, and deliveries whose receipt was not obtained.

-- Every receipt the gateway issued for an AS4 user message it received: the first one and one per resend. A sender that
-- signs each resend afresh checks the receipt's non-repudiation references against that resend, so each resend is answered
-- with a receipt of its own. All are kept as evidence with the message's ebMS ids, also after the duplicate check has
-- forgotten the message id (as4_received_message, gateway.as4.duplicate-retention).
create table as4_issued_receipt (
    receipt_message_id  varchar(200) primary key,
    ebms_message_id     varchar(200) not null,
    conversation_id     varchar(200),
    partner             varchar(64)  not null,
    tracking_id         varchar(40)  references message (tracking_id),
    issued_at           timestamptz  not null,
    resend              boolean      not null,
    receipt             bytea        not null,
    receipt_media       varchar(200) not null
);
create index as4_issued_receipt_tracking on as4_issued_receipt (tracking_id, issued_at) where tracking_id is not null;

-- A message the partner already held when the gateway sent it again (the first answer was lost, and the partner answered the
-- resend with its duplicate-elimination error, EBMS:0004): delivered, but its receipt was not obtained. The row goes when an
-- operator's request for evidence obtains a receipt.
create table as4_missing_receipt (
    tracking_id      varchar(40)   primary key references message (tracking_id),
    ebms_message_id  varchar(200)  not null,
    partner          varchar(64)   not null,
    answered_at      timestamptz   not null,
    answer           varchar(2000) not null
);
