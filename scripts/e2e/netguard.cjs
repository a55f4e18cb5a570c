// Preloaded into every n8n process of the end-to-end test (NODE_OPTIONS=--require): records each
// connection or DNS lookup to anything but loopback in the file $E2E_NETLOG, which must stay empty.
const fs = require('node:fs');
const net = require('node:net');
const dns = require('node:dns');

const log = process.env.E2E_NETLOG;
const loopback = (host) =>
	host === undefined ||
	host === 'localhost' ||
	host === '::1' ||
	/^127\./.test(String(host)) ||
	host === '';
const record = (what, host) => {
	if (log && !loopback(host))
		fs.appendFileSync(log, `${new Date().toISOString()} ${what} ${host}\n`);
};

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
	const options =
		typeof args[0] === 'object' && args[0] !== null ? args[0] : { port: args[0], host: args[1] };
	if (!options.path) record('connect', options.host ?? 'localhost');
	return connect.apply(this, args);
};
const lookup = dns.lookup;
dns.lookup = function (hostname, ...rest) {
	record('dns', hostname);
	return lookup.call(this, hostname, ...rest);
};
