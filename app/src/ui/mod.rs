//! The pages and what they are built of: one component per route (`pages`), the pieces
//! they share, the live board kept in the browser, and the report's view.

pub(crate) mod board;
pub mod charts;
pub(crate) mod components;
pub mod fold;
pub(crate) mod grouping_memory;
pub mod live_board;
pub mod name_from;
pub(crate) mod pages;
pub mod priority_areas;
pub mod report_html;
pub(crate) mod routes;
pub mod similar;
pub mod support;
pub(crate) mod voting;
