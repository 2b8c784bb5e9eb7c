/* The runtime in node for the parity tests: `node runtime_driver.js PATH/TO/runtime.js` reads
 * one JSON request a line on stdin and writes one JSON answer a line on stdout ({"answer": ...}
 * or {"error": ...}), so one process serves a whole test. */
"use strict";
const readline = require("readline");
const {handle} = require("./runtime_trace.js")(require(process.argv[2]));

const lines = readline.createInterface({input: process.stdin, crlfDelay: Infinity});
lines.on("line", line => {
  let reply;
  try {
    reply = {answer: handle(JSON.parse(line))};
  } catch (error) {
    reply = {error: String(error && error.stack || error)};
  }
  process.stdout.write(JSON.stringify(reply) + "\n");
});
