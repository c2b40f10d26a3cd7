//! `sqlx::migrate!` embeds the migrations at compile time but does not tell cargo to watch the
//! folder: a new migration file must rebuild the server.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
