"""Operations metrics published to CloudWatch for the alarms (docs/operations.md, "Alarms")."""
