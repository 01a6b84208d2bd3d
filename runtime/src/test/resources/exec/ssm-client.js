"use strict";
// A Session Manager data-channel client built on the npm packages ssm-session and ws, used the way the
// ssm-session README shows: token and terminal size first, then keystrokes; every message acknowledged.
// Usage: node ssm-client.js <streamUrl> <token> <input|-> <timeoutMillis>
// Prints one JSON line: {output, channelClosed, channelClosedOutput, closeCode, messages, timedOut}.
const WebSocket = require("ws");
const { ssm } = require("ssm-session");

const [streamUrl, token, input, timeoutArg] = process.argv.slice(2);
const timeout = parseInt(timeoutArg || "30000", 10);
const decoder = new TextDecoder();
const result = { output: "", channelClosed: false, channelClosedOutput: null, closeCode: null, messages: 0,
    timedOut: false };

function finish(code) {
  process.stdout.write(JSON.stringify(result) + "\n");
  process.exit(code);
}

const timer = setTimeout(() => { result.timedOut = true; finish(2); }, timeout);
const connection = new WebSocket(streamUrl);
connection.binaryType = "arraybuffer";

connection.on("open", () => {
  ssm.init(connection, { token: token, termOptions: { rows: 24, cols: 80 } });
  if (input !== "-") {
    setTimeout(() => ssm.sendText(connection, new TextEncoder().encode(input)), 300);
  }
});

connection.on("message", (data, isBinary) => {
  if (!isBinary) {
    return;
  }
  const message = ssm.decode(data);
  result.messages++;
  ssm.sendACK(connection, message);
  if (message.messageType === "output_stream_data" && message.payloadType === 1) {
    result.output += decoder.decode(message.payload);
  } else if (message.messageType === "channel_closed") {
    result.channelClosed = true;
    result.channelClosedOutput = JSON.parse(decoder.decode(message.payload)).Output;
  }
});

connection.on("close", (code) => {
  clearTimeout(timer);
  result.closeCode = code;
  finish(0);
});

connection.on("error", (error) => {
  result.error = String(error);
});
