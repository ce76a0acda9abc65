"""The morning check-in: enrolment, claims, answers, care, the team pulse."""
