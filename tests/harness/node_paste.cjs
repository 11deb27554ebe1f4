// Pastes an example into a node session, as a reader does (the quickstart's way): the
// source, from standard input, is fed to node's REPL (node:repl, the module the `node`
// command runs) one line at a time, each once the session has taken the last one and
// asks for more, as it does when the reader pastes. What the example prints goes to
// standard output, as in a module; what the session itself writes after each statement
// (the value it echoes, or "Uncaught ..." for an error) is written as JSON, one
// {"start": line, "end": line, "echo": text} per statement, to the file named by the
// first argument when the session ends, or the process does ("ended": true for a statement
// that ended it with lines of the paste left).
"use strict";
const fs = require("node:fs");
const repl = require("node:repl");
const { PassThrough, Writable } = require("node:stream");

const results = process.argv[2];
const lines = fs.readFileSync(0, "utf8").replace(/\n$/, "").split("\n");
const PROMPT = "\u0001> "; // the session's prompt, which no output of an example writes
const MORE = "... "; // what it asks with while a statement is incomplete
const input = new PassThrough();
const statements = [];
let written = "";
let next = 0; // the 0-based index of the next line to feed
let start = 1; // the 1-based line where the statement being fed began

const output = new Writable({
  write(chunk, _encoding, done) {
    written += String(chunk);
    const asksMore = written.endsWith(MORE);
    if (written.endsWith(PROMPT) || asksMore) {
      if (next > 0 && !asksMore) {
        statements.push({ start, end: next, echo: written.slice(0, -PROMPT.length) });
        start = next + 1;
      }
      written = "";
      if (next < lines.length) input.write(lines[next++] + "\n");
      else input.end();
    }
    done();
  },
});

let finished = false;
const finish = () => {
  if (finished) return;
  finished = true;
  if (next > 0 && start <= next) {
    // the process ends inside a statement (process.exit): what is left of the paste would
    // go to the reader's shell
    const left = lines.slice(next).some((line) => line.trim() && !/^\s*\/\/>/.test(line));
    statements.push({ start, end: next, echo: written, ended: left });
  }
  fs.writeFileSync(results, JSON.stringify(statements));
};
// Registered first: the session may run statements that do not wait while it starts.
process.on("exit", finish);
const session = repl.start({ input, output, prompt: PROMPT, terminal: false, useGlobal: true });
session.on("exit", finish);
