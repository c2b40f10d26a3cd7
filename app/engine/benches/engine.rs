//! Engine time per return kind, parsing included (what the API and the browser pay per call).
//! Rerun: `cargo bench -p banshui-engine --bench engine`
use banshui_engine::calculation::{calculate, Kind};
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use serde_json::Value;

fn first_scenario(kind: Kind) -> Value {
    let path = format!(
        "{}/scenarios/{}.json",
        env!("CARGO_MANIFEST_DIR"),
        kind.slug()
    );
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let cases: Vec<Value> = serde_json::from_str(&text).unwrap_or_default();
    cases
        .first()
        .map(|c| c["input"].clone())
        .unwrap_or(Value::Null)
}

fn engine(c: &mut Criterion) {
    for kind in Kind::ALL {
        let input = first_scenario(kind);
        c.bench_function(kind.slug(), |b| {
            b.iter(|| calculate(kind, black_box(&input)))
        });
    }
}

criterion_group!(benches, engine);
criterion_main!(benches);
