import * as dgram from 'node:dgram';
import { until } from '../../support/until';

/** A SIP MESSAGE request as it arrived. */
export interface SipMessage {
  /** 'sip:someone@127.0.0.1:40000'. */
  readonly requestUri: string;
  /** By lower-case name. */
  readonly headers: ReadonlyMap<string, string>;
  readonly body: string;
}

/**
 * A SIP user agent of one UDP socket on 127.0.0.1 that only takes MESSAGE requests: what Asterisk
 * sends for `endpoints.sendMessage` to `pjsip:<endpoint>/sip:<user>@127.0.0.1:<port>`. It answers
 * each with 200 OK, so that Asterisk does not go on retransmitting.
 */
export class SipMessageSink {
  readonly messages: SipMessage[] = [];

  private constructor(private readonly socket: dgram.Socket) {
    socket.on('message', (packet, from) => {
      const text = packet.toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const [requestLine, ...headerLines] = text.slice(0, split).split('\r\n');
      const match = /^MESSAGE (\S+) SIP\/2\.0$/.exec(requestLine);
      if (!match) return;
      const headers = new Map(headerLines.map((line) => [line.slice(0, line.indexOf(':')).trim().toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      this.messages.push({ requestUri: match[1], headers, body: text.slice(split + 4) });
      const copied = ['Via', 'From', 'To', 'Call-ID', 'CSeq'].map((name) => `${name}: ${headers.get(name.toLowerCase())}${name === 'To' ? ';tag=sink' : ''}`);
      socket.send(['SIP/2.0 200 OK', ...copied, 'Content-Length: 0', '', ''].join('\r\n'), from.port, from.address);
    });
  }

  static async open(): Promise<SipMessageSink> {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    return new SipMessageSink(socket);
  }

  get port(): number {
    return this.socket.address().port;
  }

  /** The first MESSAGE, already received or to come, sent to `user`. */
  next(user: string, ms = 10_000): Promise<SipMessage> {
    return until(() => this.messages.find((m) => m.requestUri.startsWith(`sip:${user}@`)), `a SIP MESSAGE to ${user}`, ms);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}
