"""The town instruments after the design forum: the collective plan, the investment
portfolio and the infrastructure-outcomes compass."""
