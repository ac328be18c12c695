// Reads a JSON array of Mermaid diagrams on stdin and prints, for each, what Mermaid's own
// parser read from it: {title, sections, tasks: [{section, task, score, people}], actors}, or
// {error} when it does not parse. One process for many diagrams: starting Mermaid takes seconds.
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!DOCTYPE html><body></body>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const diagrams = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const results = [];
for (const text of diagrams) {
  try {
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db;
    // A timeline (what cjmap writes for a map without emotions) keeps its title in Mermaid's
    // common database and has no scores or actors: they read as null and [].
    const common = db.getCommonDb ? db.getCommonDb() : db;
    results.push({
      type: diagram.type,
      title: common.getDiagramTitle(),
      sections: [...db.getSections()],
      tasks: db.getTasks().map((t) => ({
        section: t.section, task: t.task, score: diagram.type === "journey" ? t.score : null,
        people: t.people ?? [], events: t.events ?? [],
      })),
      actors: db.getActors ? [...db.getActors()] : [],
    });
    db.clear();
  } catch (error) {
    results.push({ error: String(error && error.message ? error.message : error) });
  }
}
process.stdout.write(JSON.stringify(results));
