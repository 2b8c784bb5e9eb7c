/* The page controller in node for the parity tests: `node page_driver.js RUNTIME GAME` reads
 * one JSON request a line on stdin and writes one JSON answer a line on stdout ({"answer": ...}
 * or {"error": ...}), in order, so one process serves a whole test. */
"use strict";
const readline = require("readline");
const runtime = require(process.argv[2]);
const {handle} = require("./page_trace.js")(require(process.argv[3])(runtime));

let queue = Promise.resolve();
const lines = readline.createInterface({input: process.stdin, crlfDelay: Infinity});
lines.on("line", line => {
  queue = queue.then(async () => {
    let reply;
    try {
      reply = {answer: await handle(JSON.parse(line))};
    } catch (error) {
      reply = {error: String(error && error.stack || error)};
    }
    process.stdout.write(JSON.stringify(reply) + "\n");
  });
});
