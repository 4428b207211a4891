/**
 * Text normalisation for matching customers' messages in Spanish and English. The language of a message is often
 * unknown (or mixed), so one set of rules serves both.
 */

export interface Token {
  /** The word folded (lower case, no accents). */
  word: string;
  stem: string;
}

const GREETING_WORDS = new Set(
  ('hola ola holi alo buenas buenos buen dia dias tarde tardes noche noches saludos que tal como esta estas estan ' +
    'hi hello hey hiya good morning afternoon evening day greetings there how are you whats up')
    .split(' '),
);

/**
 * Words that say nothing about what the customer wants. "donde", "cuando", "cuanto", "where" and "when" stay: they
 * point to location, dates and prices.
 */
const STOP_WORDS = new Set(
  [
    // Spanish
    'a al algo algun alguna alguno algunos algunas alli ahi aqui asi aun bien cada como con contra cual cuales de del',
    'desde el ella ellas ellos en entre era eres es esa esas ese eso esos esta estan estar este esto estos estas estoy',
    'fue ha han has hay he la las le les lo los me mi mis mas muy ni no nos o os otra otro otros para pero poco por',
    'porque pues que quien se sea ser si sin sobre son soy su sus tambien te ti tu tus un una uno unos unas usted',
    'ustedes vos y ya yo tengo tiene tienen tienes tener hace hacer va voy quiero quisiera queria necesito saber puedo',
    'puede pueden podria podrian favor porfa porfavor gracias informacion info consulta pregunta duda ok okay vale',
    'bueno ahora',
    // English
    'an the and or but if of to in on at by for with about from into up out is are was were be been being am do',
    'does did have has had i me my we our you your he she it its they them their this that these those there here',
    'what which who whom how can could would should will may might must want wanna need like know tell please',
    'thanks thank just get got some any much not no dont don cant isnt t s d ll re ve m im id also very so too',
    'information question',
  ]
    .join(' ')
    .split(' ')
    .concat([...GREETING_WORDS]),
);

/** Lower case, accents and punctuation out, stretched letters ("holaaa") back to one. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/(\p{L})\1{2,}/gu, '$1')
    .trim();
}

export function words(text: string): string[] {
  const folded = foldText(text);
  return folded ? folded.split(' ') : [];
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/**
 * A light stemmer for folded Spanish and English words. It does not find linguistic roots: it only has to map a
 * word's usual forms (plural, gender, infinitive, -ing/-ed) to the same string, so that "becas" and "beca",
 * "inscribo" and "inscribir", "charged" and "charge" meet.
 */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word.replace(/^(.{4,}[aei]r)(me|te|se|nos|lo|la|le|les)$/, '$1'); // inscribirme → inscribir
  if (/(c|s)iones$/.test(w)) return w.slice(0, -2); // inscripciones → inscripcion
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('ied') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('ing') && w.length >= 6) return w.slice(0, -3);
  if (w.endsWith('ed') && w.length >= 5) return w.slice(0, -2);
  if (/[aei]r$/.test(w) && w.length >= 5) return w.slice(0, -2);
  if (w.endsWith('es') && w.length >= 5) w = w.slice(0, -2);
  else if (/[^sui]s$/.test(w)) w = w.slice(0, -1);
  if (/[ae]n$/.test(w) && w.length >= 5) return w.slice(0, -2); // cuestan → cuest, examenes → examen → exam
  // Gender and the singular's final vowel: "clase"/"clases", "precio"/"precios", "price"/"prices" meet.
  if (/[aeo]$/.test(w) && w.length >= 4) w = w.slice(0, -1);
  return w;
}

/** The words that carry meaning, stemmed; stop words and greetings out. */
export function contentTokens(text: string): Token[] {
  return words(text)
    .filter((word) => !isStopWord(word))
    .map((word) => ({ word, stem: stem(word) }));
}

/** "hola", "buenas tardes", "hi there!": a greeting and nothing else. */
export function isOnlyGreeting(text: string): boolean {
  const all = words(text);
  return all.length > 0 && all.every((word) => GREETING_WORDS.has(word));
}

/** The key unmatched questions are grouped by: the same question with other accents, case or plurals meets. */
export function questionKey(text: string): string {
  return contentTokens(text)
    .map((t) => t.stem)
    .join(' ');
}
