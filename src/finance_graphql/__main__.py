from finance_graphql.cli import main

main()
