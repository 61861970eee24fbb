# A copy of the automated backups (snapshots and transaction log) in a second region, so
# that the database can be restored to a point in time even when this region is down
# (ops/bin/rds-point-in-time-restore --from-backup-region). RDS copies continuously; the
# copy is encrypted with a key of the backup region.
resource "aws_db_instance_automated_backups_replication" "this" {
  count    = var.backup_replication == null ? 0 : 1
  provider = aws.backup

  source_db_instance_arn = aws_db_instance.this.arn
  kms_key_id             = var.backup_replication.kms_key_arn
  retention_period       = var.backup_replication.retention_days
}
