//! Secrets the server makes for itself and shares between instances through the database.

use super::{Store, StoreError, now_rfc3339};

impl Store {
    /// The secret called `name`: `fresh` is stored if there is none yet (the first instance
    /// to start wins), and the stored one is returned either way.
    pub async fn secret(&self, name: &str, fresh: &str) -> Result<String, StoreError> {
        sqlx::query(
            "INSERT INTO server_secrets (name, value, created_at, updated_at) VALUES ($1, $2, $3, $3)
             ON CONFLICT (name) DO NOTHING",
        )
        .bind(name)
        .bind(fresh)
        .bind(now_rfc3339())
        .execute(&self.write)
        .await?;
        let (value,): (String,) = sqlx::query_as("SELECT value FROM server_secrets WHERE name = $1")
            .bind(name)
            .fetch_one(&self.write)
            .await?;
        Ok(value)
    }
}
