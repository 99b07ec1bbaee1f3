/** A text cut to at most `length` characters (ending in "...") so a long value does not swamp a message. */
export function shorten(text: string, length = 80): string {
	return text.length > length ? `${text.slice(0, length - 3)}...` : text;
}
