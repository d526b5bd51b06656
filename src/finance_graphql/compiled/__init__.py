"""The compiled read path: a validated query document answered by one SQL statement per root
field that builds the response JSON in PostgreSQL.

GraphQL execution in Python costs tens of microseconds per field; a dashboard page of 50
invoices with their payments resolves thousands of fields. For documents made only of fields
this package knows (`mapping.py`), the whole selection becomes SQL (`compiler.py`) once per
document, and each request binds its variables, the viewer's tenant filter and the list's
keyset (the same SQL the domain repositories use) and sends PostgreSQL's JSON as it is
(`executor.py`). Anything else, and any argument the happy path does not accept, goes through
the ordinary GraphQL execution, which gives the same answer (tests compare both).
"""
