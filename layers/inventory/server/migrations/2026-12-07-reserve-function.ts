import { sql, type Kysely } from 'kysely'

// Frozen once committed: later changes come as new, later-dated migrations.
export async function up(db: Kysely<unknown>): Promise<void> {
  // A reservation, as one call committed on its own: see ADR 0015. It records the order (or finds
  // it has an outcome already and writes nothing), logs its movements and writes its reply, then
  // holds its lines with conditional updates in the order given (sku order: two orders never
  // deadlock), so a hot sku stays locked only from its update to the call's commit. A short line
  // raises P0S01, naming in its detail how many lines were held before it, which undoes all of it.
  // A hold that leaves at most `low` units changes what shoppers are told (see `availabilityOf`):
  // the line's announcement is stored with the sku's product and availability filled in.
  await sql`
    create function inventory.reserve(
      order_id uuid, skus text[], quantities integer[], lines jsonb, expires_at timestamptz,
      reply jsonb, announcements jsonb[], low integer
    ) returns text
    language plpgsql as $$
    declare
      product text;
      available integer;
      announcement jsonb;
    begin
      insert into inventory.reservations (order_id, status, lines, expires_at)
      values (reserve.order_id, 'held', reserve.lines, reserve.expires_at)
      on conflict on constraint reservations_pkey do nothing;
      if not found then
        return 'had-outcome';
      end if;
      insert into inventory.movements (sku, on_hand_change, reserved_change, reason, order_id)
      select line.sku, 0, line.quantity, 'reserved', reserve.order_id
      from unnest(skus, quantities) as line (sku, quantity);
      insert into inventory.outbox (id, type, content, occurred_on)
      values ((reply->>'id')::uuid, reply->>'type', reply, (reply->>'occurredAt')::timestamptz);
      for i in 1 .. cardinality(skus) loop
        update inventory.stock set reserved = reserved + quantities[i], updated_at = now()
        where sku = skus[i] and on_hand - reserved >= quantities[i]
        returning product_id, on_hand - reserved into product, available;
        if not found then
          raise exception 'an order line is short' using errcode = 'P0S01', detail = (i - 1)::text;
        end if;
        if available <= low then
          announcement := jsonb_set(jsonb_set(announcements[i], '{payload,productId}', to_jsonb(product)),
            '{payload,availability}', case when available <= 0 then '{"state":"out-of-stock"}'::jsonb
              else jsonb_build_object('state', 'low', 'left', available) end);
          insert into inventory.outbox (id, type, content, occurred_on)
          values ((announcement->>'id')::uuid, announcement->>'type', announcement,
            (announcement->>'occurredAt')::timestamptz);
        end if;
      end loop;
      return 'held';
    end $$`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function if exists inventory.reserve(uuid, text[], integer[], jsonb, timestamptz, jsonb, jsonb[], integer)`.execute(
    db,
  )
}
