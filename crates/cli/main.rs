mod pipeline;

fn main() {
    let _ = pipeline::Pipeline::new();
}
