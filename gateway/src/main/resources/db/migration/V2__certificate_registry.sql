-- Certificates of origin the gateway holds, and what declarations claimed against them.

create table certificate_of_origin (
    certificate_no    varchar(64)  primary key,
    tracking_id       varchar(40)  not null references message (tracking_id),
    agreement         varchar(16)  not null,
    exporting_country char(2)      not null,
    importing_country char(2)      not null,
    issue_date        date         not null,
    valid_until       date         not null,
    registered_at     timestamptz  not null
);

create table certificate_item (
    certificate_no varchar(64)    not null references certificate_of_origin (certificate_no),
    item_no        integer        not null,
    hs_code        char(6)        not null,
    quantity       numeric(24, 6) not null,
    unit           varchar(8)     not null,
    claimed        numeric(24, 6) not null default 0,
    primary key (certificate_no, item_no),
    -- the running balance can never go past the certified quantity
    check (claimed >= 0 and claimed <= quantity)
);

create table certificate_claim (
    declaration_tracking_id varchar(40)    not null references message (tracking_id),
    certificate_no          varchar(64)    not null,
    item_no                 integer        not null,
    quantity                numeric(24, 6) not null,
    claimed_at              timestamptz    not null,
    primary key (declaration_tracking_id, certificate_no, item_no),
    foreign key (certificate_no, item_no) references certificate_item (certificate_no, item_no)
);
