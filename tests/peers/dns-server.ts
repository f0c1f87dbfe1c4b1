import dns2 from "dns2";

/**
 * A DNS server on loopback (the `dns2` package) answering TXT questions from a table the test
 * fills: what an operator's DNS does once the admin adds the verification record.
 */
export type DnsPeer = { address: string; txt: Map<string, string[]>; close(): Promise<void> };

export async function startDnsServer(port = 0): Promise<DnsPeer> {
  const txt = new Map<string, string[]>();
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = dns2.Packet.createResponseFromRequest(request);
      for (const question of request.questions) {
        for (const data of txt.get(question.name.toLowerCase()) ?? []) {
          response.answers.push({ name: question.name, type: dns2.Packet.TYPE.TXT, class: dns2.Packet.CLASS.IN, ttl: 1, data });
        }
      }
      send(response);
    },
  });
  const addresses = (await server.listen({ udp: { port, address: "127.0.0.1" } })) as unknown as { udp: { port: number } };
  return { address: `127.0.0.1:${addresses.udp.port}`, txt, close: async () => void (await server.close()) };
}
