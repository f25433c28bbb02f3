'use strict';
// Preload (node --require) that reports every outgoing non-loopback connection attempt and DNS
// lookup on stderr, prefixed "[e2e-net]". Used by n8n.sh when N8N_E2E_LOG_NET=1 to check that
// the n8n CLI stays offline. It only logs; it does not block.
const net = require('node:net');
const dns = require('node:dns');

const isLoopback = (host) =>
  !host || host === 'localhost' || host === '::1' || /^127\./.test(host) || host.startsWith('/');

const report = (what, target) => {
  process.stderr.write(`[e2e-net] pid=${process.pid} ${what} ${target}\n`);
};

const origConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  let opts = args[0];
  if (Array.isArray(opts)) opts = opts[0];
  let host;
  let port;
  if (opts && typeof opts === 'object') {
    host = opts.host;
    port = opts.port;
    if (opts.path) host = opts.path;
  } else if (typeof opts === 'number' || (typeof opts === 'string' && /^\d+$/.test(opts))) {
    port = opts;
    host = typeof args[1] === 'string' ? args[1] : 'localhost';
  } else if (typeof opts === 'string') {
    host = opts; // unix socket path
  }
  if (!isLoopback(host)) report('connect', `${host}:${port}`);
  return origConnect.apply(this, args);
};

const origLookup = dns.lookup;
dns.lookup = function (hostname, ...rest) {
  if (!isLoopback(hostname)) report('dns.lookup', hostname);
  return origLookup.call(this, hostname, ...rest);
};
