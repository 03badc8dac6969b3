//! The integration tests: the real `ocop` binary run on real content
//! folders, hostile ones included, and the sites it builds read back,
//! served, and driven in a real browser. One module per area; helpers
//! shared by all of them are in [`common`].

mod common;

mod adversarial;
mod broken_sites;
mod browser;
mod check;
mod cms;
mod data;
mod deploy;
mod example_site;
mod incremental;
mod languages;
mod narrowing;
mod photos;
mod pipeline;
mod publishing;
mod scaffold;
mod scale;
mod schema;
mod search;
mod serve;
mod site_options;
mod structure;
mod untrusted;
mod uptodate;
mod writes;
