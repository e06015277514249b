//! The facilitator's grouping sliders (themes and needs), remembered per workshop in this
//! browser's `localStorage`: a reload, or the next visit, starts where they were left
//! instead of at the middle. Nothing about the notes is stored, only two numbers.

use crate::model::ids::WorkshopId;

/// Where both sliders start when nothing is remembered.
pub const DEFAULT: (f32, f32) = (0.5, 0.5);

/// The two slider values as stored: "theme,need".
fn encode((theme, need): (f32, f32)) -> String {
    format!("{theme},{need}")
}

/// The two slider values stored as [`encode`] writes them; `None` for anything else, or a
/// value outside 0..=1. (Only the browser reads the storage.)
#[cfg_attr(not(any(feature = "hydrate", test)), allow(dead_code))]
fn decode(stored: &str) -> Option<(f32, f32)> {
    let (theme, need) = stored.split_once(',')?;
    let valid = |value: &str| value.trim().parse::<f32>().ok().filter(|v| (0.0..=1.0).contains(v));
    Some((valid(theme)?, valid(need)?))
}

#[cfg(feature = "hydrate")]
fn storage() -> Option<web_sys::Storage> {
    leptos::prelude::window().local_storage().ok().flatten()
}

fn key(workshop_id: WorkshopId) -> String {
    format!("klustra.grouping.{workshop_id}")
}

/// The sliders last used for this workshop in this browser.
pub fn load(workshop_id: WorkshopId) -> Option<(f32, f32)> {
    #[cfg(feature = "hydrate")]
    {
        storage().and_then(|s| s.get_item(&key(workshop_id)).ok().flatten()).and_then(|v| decode(&v))
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = key(workshop_id);
        None
    }
}

/// Remembers the sliders for this workshop in this browser.
pub fn save(workshop_id: WorkshopId, values: (f32, f32)) {
    #[cfg(feature = "hydrate")]
    if let Some(storage) = storage() {
        let _ = storage.set_item(&key(workshop_id), &encode(values));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (workshop_id, encode(values));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slider_values_round_trip_and_anything_else_is_ignored() {
        assert_eq!(decode(&encode((0.2, 0.9))), Some((0.2, 0.9)));
        assert_eq!(decode("0.3"), None);
        assert_eq!(decode("1.5,0.5"), None, "out of range");
        assert_eq!(decode("x,0.5"), None);
    }
}
