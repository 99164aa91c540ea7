"""casebridge: interagency case coordination for drug-enforcement agencies and platforms."""
