"""A realistic data set for the benchmark, generated with set-based SQL (a few minutes at most).

10 organizations, 1,000 customers, 100,000 invoices (100 per customer, one per week back from
today) and 1,000,000 payments: 300,000 against invoices (3 per invoice, each allocated to it)
and 700,000 fund payments, most of them paid and in the ledger. Balances are the ledger's sums.
"""

from __future__ import annotations

import asyncpg

from finance_graphql.workspaces import repository, service

ORGANIZATIONS = 10
CUSTOMERS_PER_ORG = 100
INVOICES_PER_CUSTOMER = 100
PAYMENTS_PER_INVOICE = 3
FUND_PAYMENTS = 700_000

ORG_EMAIL = "ops@org1.bench"
CUSTOMER_EMAIL = "billing@customer1.bench"

STEPS = [
    (
        "organizations",
        """INSERT INTO workspaces (kind, name, parent_id, currency)
           SELECT 'ORGANIZATION', 'Organization ' || g, $1, 'USD'
             FROM generate_series(1, {orgs}) g""",
    ),
    (
        "customers",
        """INSERT INTO workspaces (kind, name, parent_id, currency)
           SELECT 'CUSTOMER', 'Customer ' || o.rn || '-' || g, o.id, 'USD'
             FROM (SELECT id, row_number() OVER (ORDER BY id) rn FROM workspaces
                    WHERE kind = 'ORGANIZATION') o,
                  generate_series(1, {customers}) g""",
    ),
    (
        "balances",
        """INSERT INTO workspace_balances (workspace_id)
           SELECT id FROM workspaces ON CONFLICT DO NOTHING""",
    ),
    (
        "invoices",
        """INSERT INTO invoices (workspace_id, parent_id, name, period_from, period_to, issued_on,
                                 payment_term_days, currency, amount, status)
           SELECT c.id, c.parent_id, c.name || ' week ' || g,
                  current_date - (g * 7 + 7), current_date - (g * 7 + 1), current_date - g * 7,
                  30, 'USD', round((500 + random() * 9500)::numeric, 2), 3
             FROM workspaces c, generate_series(1, {invoices}) g
            WHERE c.kind = 'CUSTOMER'""",
    ),
    (
        "invoice lines",
        """INSERT INTO invoice_lines (invoice_id, position, description, amount)
           SELECT id, 1, 'Media spend', amount FROM invoices""",
    ),
    (
        "payments against invoices",
        """INSERT INTO payments (workspace_id, parent_id, type, status, mode, amount, currency,
                                 payment_date, transaction_id, bank_name, created_at, modified_at)
           SELECT i.workspace_id, i.parent_id, 2, CASE WHEN g < 3 THEN 2 ELSE 1 END,
                  1 + (i.id % 9), round(i.amount / 4, 2), 'USD', i.issued_on + g,
                  'TXN-' || i.id || '-' || g,
                  CASE WHEN i.id % 9 IN (1, 2) THEN 'First National Bank' END,
                  now() - (i.id % 1000) * interval '1 hour',
                  now() - (i.id % 1000) * interval '1 hour'
             FROM invoices i, generate_series(1, {per_invoice}) g""",
    ),
    (
        "allocations",
        """INSERT INTO payment_allocations (payment_id, invoice_id, amount)
           SELECT p.id, i.id, p.amount
             FROM payments p JOIN invoices i ON i.id = split_part(p.transaction_id, '-', 2)::bigint
            WHERE p.type = 2""",
    ),
    (
        "fund payments",
        """INSERT INTO payments (workspace_id, parent_id, type, status, mode, amount, currency,
                                 payment_date, transaction_id, created_at, modified_at)
           SELECT c.id, c.parent_id, 1, CASE WHEN g % 10 = 0 THEN 1 ELSE 2 END, 4,
                  round((100 + random() * 900)::numeric, 2), 'USD', current_date - (g % 700),
                  'FUND-' || c.id || '-' || g,
                  now() - g * interval '1 minute', now() - g * interval '1 minute'
             FROM workspaces c, generate_series(1, {funds}) g
            WHERE c.kind = 'CUSTOMER'""",
    ),
    (
        "ledger",
        """INSERT INTO ledger_entries (workspace_id, amount, kind, source_type, source_id,
                                       balance_after)
           SELECT workspace_id, amount, 'FUND_PAYMENT_PAID', 'payment', id,
                  sum(amount) OVER (PARTITION BY workspace_id ORDER BY id)
             FROM payments WHERE type = 1 AND status = 2""",
    ),
    (
        "balances from the ledger",
        """UPDATE workspace_balances b SET balance = s.total
             FROM (SELECT workspace_id, sum(amount) total FROM ledger_entries
                    GROUP BY workspace_id) s
            WHERE s.workspace_id = b.workspace_id""",
    ),
    (
        "invoice settlement",
        """UPDATE invoices i SET paid_amount = s.paid,
                  status = CASE WHEN s.paid >= i.amount THEN 4 WHEN s.processing THEN 7
                                WHEN s.paid > 0 THEN 2 ELSE 3 END
             FROM (SELECT a.invoice_id, sum(a.amount) FILTER (WHERE p.status = 2) paid,
                          bool_or(p.status = 1) processing
                     FROM payment_allocations a JOIN payments p ON p.id = a.payment_id
                    GROUP BY a.invoice_id) s
            WHERE s.invoice_id = i.id""",
    ),
]


async def load(conn: asyncpg.Connection, log: object = print) -> dict[str, int]:
    """Create the data set once (skipped when the super organization has organizations)."""
    existing = await conn.fetchval("SELECT count(*) FROM workspaces WHERE kind = 'ORGANIZATION'")
    async with conn.transaction():
        super_row, _ = await service.bootstrap(conn, "admin@platform.bench", "Platform")
    if not existing:
        sizes = {
            "orgs": ORGANIZATIONS,
            "customers": CUSTOMERS_PER_ORG,
            "invoices": INVOICES_PER_CUSTOMER,
            "per_invoice": PAYMENTS_PER_INVOICE,
            "funds": FUND_PAYMENTS // (ORGANIZATIONS * CUSTOMERS_PER_ORG),
        }
        for name, sql in STEPS:
            log(f"  {name} ...")  # type: ignore[operator]
            args = [super_row.id] if "$1" in sql else []
            await conn.execute(sql.format(**sizes), *args)
        await conn.execute("ANALYZE")
    org_id = await conn.fetchval("SELECT min(id) FROM workspaces WHERE kind = 'ORGANIZATION'")
    customer_id = await conn.fetchval(
        "SELECT min(id) FROM workspaces WHERE kind = 'CUSTOMER' AND parent_id = $1", org_id
    )
    for email, workspace_id in ((ORG_EMAIL, org_id), (CUSTOMER_EMAIL, customer_id)):
        user_id = await repository.upsert_user(conn, email)
        await repository.add_member(conn, user_id, workspace_id)
    counts = {
        table: int(await conn.fetchval(f"SELECT count(*) FROM {table}"))
        for table in ("workspaces", "invoices", "payments", "payment_allocations")
    }
    return {"org_id": org_id, "customer_id": customer_id, **counts}
