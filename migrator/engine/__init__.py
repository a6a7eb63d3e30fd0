"""Plan model, planner, executor, journal, rate limiter, reconcile and drift check."""
