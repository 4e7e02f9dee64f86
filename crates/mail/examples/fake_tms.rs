//! A fake GovDelivery TMS for local development and benchmarks: accepts
//! `POST /messages/email` with `X-AUTH-TOKEN: test-token` and answers with
//! a message id, as the real one does. It sends nothing and calls no
//! webhook.
//!
//! ```sh
//! cargo run --release -p crt-mail --example fake_tms -- 127.0.0.1:9400
//! TMS_TARGET_ENDPOINT=http://127.0.0.1:9400 TMS_AUTH_TOKEN=test-token \
//!   TMS_WEBHOOK_ALLOWED_CIDR_NETS=127.0.0.1/32 cargo run -p crt-web
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used)] // a development tool: failing loudly is right

#[path = "../tests/common/fake_tms.rs"]
#[allow(dead_code)]
mod fake_tms;

#[tokio::main]
async fn main() {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:9400".to_owned());
    let tms = fake_tms::FakeTms::start_on(&addr).await;
    println!(
        "fake TMS on {} (token test-token); Ctrl-C stops",
        tms.endpoint()
    );
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(5));
    let mut last = 0;
    loop {
        tokio::select! {
            _ = tick.tick() => {
                let n = tms.received().len();
                if n != last {
                    println!("{n} message(s) received");
                    last = n;
                }
            }
            _ = tokio::signal::ctrl_c() => return,
        }
    }
}
