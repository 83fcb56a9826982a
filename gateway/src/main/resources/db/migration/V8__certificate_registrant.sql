-- Who registered each certificate of origin (the sending party; tracking_id is already its message), and the
-- original a back-to-back certificate is based on. A number is registered once: a conflicting re-registration is
-- refused at intake, and its original's balance is drawn on like a declaration's claims.

alter table certificate_of_origin add column registered_by varchar(64);
update certificate_of_origin c set registered_by = m.sender from message m where m.tracking_id = c.tracking_id;
alter table certificate_of_origin alter column registered_by set not null;

alter table certificate_of_origin add column original_certificate_no  varchar(64);
alter table certificate_of_origin add column original_issue_date      date;
alter table certificate_of_origin add column original_issuing_country char(2);

-- a back-to-back certificate draws on its original's items under its own tracking id, beside declarations' claims
comment on column certificate_claim.declaration_tracking_id is
    'the claiming message: a declaration, or a back-to-back certificate drawing on its original';
