//! Ids as the schema stores them, bound in one place. The store takes and returns the typed
//! ids of `app::model::ids` (`NoteId`, `WorkshopId`, ...). Both schemas keep every id as
//! text (the `Any` driver, which runs each query on SQLite and PostgreSQL alike, has no
//! UUID type), so a query binds an id through [`BindId`] rather than spelling the
//! conversion at each of its 150-odd parameters; rows come back through `uuid_column`, as
//! whichever id type the caller wants, and a value that is no UUID is a corrupt row.

use sqlx::Database;
use sqlx::any::Any;
use sqlx::query::{Query, QueryAs, QueryScalar};
use uuid::Uuid;

/// The text an id is stored as: hyphenated, lower case.
fn stored(id: Uuid) -> String {
    id.hyphenated().to_string()
}

/// Binds ids to a query's parameters as the schema stores them.
pub(crate) trait BindId: Sized {
    /// Binds the next parameter to an id's stored text, or NULL: the one place a query
    /// takes an id, so every id goes in the same way.
    fn bind_stored(self, id: Option<String>) -> Self;

    /// Binds the next parameter to `id` (any of the id types, or a Uuid).
    fn bind_id(self, id: impl Into<Uuid>) -> Self {
        self.bind_stored(Some(stored(id.into())))
    }

    /// Binds the next parameter to `id`, or NULL.
    fn bind_opt_id<Id: Into<Uuid>>(self, id: Option<Id>) -> Self {
        self.bind_stored(id.map(|id| stored(id.into())))
    }
}

impl BindId for Query<'_, Any, <Any as Database>::Arguments> {
    fn bind_stored(self, id: Option<String>) -> Self {
        self.bind(id)
    }
}

impl<O> BindId for QueryAs<'_, Any, O, <Any as Database>::Arguments> {
    fn bind_stored(self, id: Option<String>) -> Self {
        self.bind(id)
    }
}

impl<O> BindId for QueryScalar<'_, Any, O, <Any as Database>::Arguments> {
    fn bind_stored(self, id: Option<String>) -> Self {
        self.bind(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_stored_as_the_text_it_is_read_back_from() {
        let id = Uuid::new_v4();
        assert_eq!(stored(id), id.to_string());
        assert_eq!(Uuid::parse_str(&stored(id)).unwrap(), id);
    }
}
