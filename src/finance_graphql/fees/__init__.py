"""Per-workspace fees and settings: PG fees, AQS, DoubleVerify, ad serving cost, third-party
cost, PayPal fee percentage."""
