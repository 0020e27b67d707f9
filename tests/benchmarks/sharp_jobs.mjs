// sharp doing jobs for bench_images.py: reads a JSON list of renditions from stdin
// ({input, output, format, width, quality, effort}), makes them two photos at a time with
// one libvips thread each (as the Python side runs two processes), prints the seconds spent.
import sharp from "sharp";
import { readFileSync } from "node:fs";

sharp.concurrency(1);
sharp.cache(false);

const jobs = JSON.parse(readFileSync(0, "utf8"));
const byInput = new Map();
for (const job of jobs) {
  if (!byInput.has(job.input)) byInput.set(job.input, []);
  byInput.get(job.input).push(job);
}

async function photo(renditions) {
  const original = sharp(renditions[0].input).rotate();
  for (const job of renditions) {
    const resized = original.clone().resize({ width: job.width, withoutEnlargement: true });
    if (job.format === "avif") {
      await resized.avif({ quality: job.quality, effort: job.effort }).toFile(job.output);
    } else if (job.format === "webp") {
      await resized.webp({ quality: job.quality, effort: job.effort }).toFile(job.output);
    } else {
      // mozjpeg: trellis quantisation and its own tables, sharp's smallest JPEG
      await resized.jpeg({ quality: job.quality, mozjpeg: true }).toFile(job.output);
    }
  }
}

const queue = [...byInput.values()];
const started = process.hrtime.bigint();
await Promise.all([0, 1].map(async () => {
  while (queue.length) await photo(queue.shift());
}));
console.log(JSON.stringify({ seconds: Number(process.hrtime.bigint() - started) / 1e9 }));
