/** The first letter as is, the rest lower case: MONDAY → Monday, "New Audience Member" → "New audience member". */
export function sentenceCase(text: string): string {
	return text.charAt(0) + text.slice(1).toLowerCase();
}
