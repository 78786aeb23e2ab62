//! `gongwen-synth`: writes generated documents.
//!
//! ```text
//! gongwen-synth --bytes 1000000 --seed 7 [--syntax gongwen|bluebell] [--out FILE]
//! gongwen-synth --bytes 20000 --seed 1 --dir DIR --count 400 [--syntax gongwen|bluebell]
//! ```
//!
//! One document goes to standard output (or `--out`); with `--dir`, `--count` documents of seeds
//! `seed`, `seed + 1`… go to `DIR/doc-0001.txt`…; the sizes of a batch vary around `--bytes`
//! (from half to one and a half times), as a real corpus does.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str =
    "usage: gongwen-synth --bytes N [--seed S] [--syntax gongwen|bluebell] [--out FILE]
       gongwen-synth --bytes N [--seed S] [--syntax gongwen|bluebell] --dir DIR --count N";

struct Args {
    bytes: usize,
    seed: u64,
    bluebell: bool,
    out: Option<PathBuf>,
    dir: Option<PathBuf>,
    count: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        bytes: 20_000,
        seed: 1,
        bluebell: false,
        out: None,
        dir: None,
        count: 1,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        if flag == "-h" || flag == "--help" {
            return Err(String::new());
        }
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let number = |v: &str| -> Result<u64, String> {
            v.replace('_', "")
                .parse()
                .map_err(|_| format!("{flag}: not a number: {v}"))
        };
        match flag.as_str() {
            "--bytes" => a.bytes = number(&value)? as usize,
            "--seed" => a.seed = number(&value)?,
            "--count" => a.count = number(&value)? as usize,
            "--syntax" => {
                a.bluebell = match value.as_str() {
                    "gongwen" => false,
                    "bluebell" => true,
                    _ => return Err(format!("--syntax: gongwen or bluebell, not {value}")),
                }
            }
            "--out" | "-o" => a.out = Some(PathBuf::from(value)),
            "--dir" => a.dir = Some(PathBuf::from(value)),
            _ => return Err(format!("unknown argument {flag}")),
        }
    }
    if a.bytes == 0 {
        return Err("--bytes must be positive".into());
    }
    Ok(a)
}

fn render(seed: u64, bytes: usize, bluebell: bool) -> String {
    let doc = gongwen_synth::generate(seed, bytes);
    if bluebell {
        doc.to_bluebell()
    } else {
        doc.to_gongwen()
    }
}

fn run(a: Args) -> Result<(), String> {
    if let Some(dir) = &a.dir {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let width = a.count.to_string().len().max(4);
        for k in 0..a.count {
            let seed = a.seed + k as u64;
            // sizes from half to one and a half times the target
            let mut rng = gongwen_synth::Rng::new(seed);
            let bytes = a.bytes / 2 + rng.below(a.bytes.max(1));
            let name = format!("doc-{:0width$}.txt", k + 1);
            let path = dir.join(name);
            std::fs::write(&path, render(seed, bytes, a.bluebell))
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
        return Ok(());
    }
    let s = render(a.seed, a.bytes, a.bluebell);
    match &a.out {
        Some(p) => std::fs::write(p, s).map_err(|e| format!("cannot write {}: {e}", p.display())),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(s.as_bytes())
                .and_then(|_| out.flush())
                .map_err(|e| format!("cannot write to standard output: {e}"))
        }
    }
}

fn main() -> ExitCode {
    match parse_args() {
        Err(e) if e.is_empty() => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}\n{USAGE}");
            ExitCode::from(2)
        }
        Ok(a) => match run(a) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(3)
            }
        },
    }
}
