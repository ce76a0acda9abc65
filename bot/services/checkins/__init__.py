"""Morning check-ins: enrolment, the schedule, claiming due check-ins, and answers."""
