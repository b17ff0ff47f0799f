import type { Migration } from "../migrate.ts";

/**
 * Composite foreign keys `(account_id, x_id) … on delete set null` set *every* referencing
 * column to null, `account_id` included, so deleting a team, a user or a channel that a
 * conversation, message or callback points to failed with "null value in column account_id".
 * PostgreSQL 15+ (PGlite is 17) takes the columns to null: recreate each such key with
 * `on delete set null (<its columns other than account_id>)`. The keys are found in the catalog,
 * not listed by hand, so one added by a later table before this migration is fixed as well.
 */
export const fkSetNullColumns: Migration = {
  name: "20261207T1401_fk_set_null_columns",
  statements: [
    `do $$
     declare
       fk record;
       cols text;
       ref_cols text;
       null_cols text;
     begin
       for fk in
         select c.conname, c.conrelid, c.confrelid, c.conkey, c.confkey
           from pg_constraint c
           join pg_namespace n on n.oid = c.connamespace
          where c.contype = 'f'
            and c.confdeltype = 'n'
            and c.confdelsetcols is null
            and cardinality(c.conkey) > 1
            and n.nspname = current_schema()
       loop
         select string_agg(quote_ident(a.attname), ', ' order by k.ord),
                string_agg(quote_ident(a.attname), ', ' order by k.ord)
                  filter (where a.attname <> 'account_id')
           into cols, null_cols
           from unnest(fk.conkey) with ordinality as k(attnum, ord)
           join pg_attribute a on a.attrelid = fk.conrelid and a.attnum = k.attnum;
         select string_agg(quote_ident(a.attname), ', ' order by k.ord)
           into ref_cols
           from unnest(fk.confkey) with ordinality as k(attnum, ord)
           join pg_attribute a on a.attrelid = fk.confrelid and a.attnum = k.attnum;
         if null_cols is null or null_cols = cols then
           continue;
         end if;
         execute format('alter table %s drop constraint %I', fk.conrelid::regclass, fk.conname);
         execute format(
           'alter table %s add constraint %I foreign key (%s) references %s (%s) on delete set null (%s)',
           fk.conrelid::regclass, fk.conname, cols, fk.confrelid::regclass, ref_cols, null_cols);
       end loop;
     end
     $$`,
  ],
};
