-- A typical document (a declaration, a receipt: 2-8 KB) is stored as it is, inside its row, instead of compressed:
-- compressing every received and signed version with pglz took about a tenth of PostgreSQL's CPU per declaration
-- (perf on the intake's statements), and reading it back for delivery decompressed it again. Only rows above this
-- size are compressed (and moved out of line), so large manifests still take little room. ADR 0011 has the figures.
alter table message_payload set (toast_tuple_target = 8160);
