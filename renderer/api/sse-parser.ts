/**
 * The data of each event in a text/event-stream (WHATWG HTML §9.2.6): lines up to a blank
 * line form one event, `data:` lines are joined with newlines, comments (`:`) are ignored.
 * Chunks may split lines anywhere, so text is buffered until a line ends.
 */
export async function* parseServerSentEvents(reader: ReadableStreamDefaultReader<string>): AsyncGenerator<string> {
  let buffer = '';
  let data: string[] = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let newline: number;
    while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
      // A CR at the very end may be the first half of CRLF split across chunks: wait for more.
      if (newline === buffer.length - 1 && buffer.endsWith('\r')) break;
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
      if (line === '') {
        if (data.length > 0) yield data.join('\n');
        data = [];
      } else if (line.startsWith('data:')) {
        data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
      }
    }
  }
}
