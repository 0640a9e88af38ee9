import { firstXmlIllegal } from '@cchc/shared';
import { badRequest } from './api-error';

/**
 * How deeply a JSON body may nest. The deepest legitimate body (a report's structured document) is
 * about ten levels; a body nested thousands of levels deep exists only to exhaust the stack of
 * whatever walks it after the parser (class-transformer, validators).
 */
export const MAX_JSON_DEPTH = 32;

/**
 * Parses a JSON request body: its nesting measured first with a flat scan (no recursion), then
 * JSON.parse, then any key named like a member of Object.prototype ("__proto__", "constructor",
 * "toString", …) or "prototype" refused by its path. Merged into an object later, "__proto__" could change every
 * object's prototype; and on the way to the DTO, Nest's ValidationPipe deletes "__proto__" and
 * "constructor" and class-transformer skips keys that name a method, without a word — so
 * `{"values":{"constructor":5}}` was silently ignored where any other unknown code is a 400.
 */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') {
    throw badRequest('body', 'Thân yêu cầu rỗng, cần dữ liệu JSON.', 'The body is empty; JSON is expected.');
  }
  const depth = maxDepth(text);
  if (depth > MAX_JSON_DEPTH) {
    throw badRequest(
      'body',
      `Dữ liệu JSON lồng nhau quá sâu (${depth} cấp; giới hạn ${MAX_JSON_DEPTH} cấp).`,
      `The JSON body nests too deeply (${depth} levels; the limit is ${MAX_JSON_DEPTH}).`,
      { maxDepth: MAX_JSON_DEPTH },
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw badRequest('body', 'Dữ liệu gửi lên không phải JSON hợp lệ.', `The body is not valid JSON: ${(e as Error).message}`);
  }
  const illegal = xmlIllegalText(value);
  if (illegal) {
    throw badRequest(
      illegal.path || 'body',
      `Trường "${illegal.path}" chứa ký tự không hợp lệ (${illegal.char}), ký tự này làm hỏng tệp Word/Excel khi xuất; hãy xoá ký tự đó rồi gửi lại.`,
      `Field "${illegal.path}" holds a character (${illegal.char}) that XML documents cannot carry; remove it and send again.`,
      { character: illegal.char },
    );
  }
  const bad = forbiddenKey(value);
  if (bad) {
    const key = bad.split('.').pop();
    throw badRequest(
      bad,
      `Khoá "${key}" (tại ${bad}) không hợp lệ: không có mã chỉ tiêu hay trường nào tên như vậy, và tên này không được phép trong dữ liệu gửi lên.`,
      `The key "${key}" (at ${bad}) is not valid: no indicator code or field has that name, and it is not allowed in a request body.`,
    );
  }
  return value;
}

/** The deepest nesting of arrays and objects, counted outside strings. */
function maxDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > max) max = depth;
      // Far past the limit the exact figure adds nothing.
      if (max > MAX_JSON_DEPTH * 4) return max;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

/**
 * The first string (value or key) holding a character XML 1.0 cannot carry (U+FFFE, U+FFFF, other
 * noncharacters, C0 controls but tab/newline/CR, lone surrogates): stored, it would make every DOCX or
 * XLSX that prints it unreadable.
 */
function xmlIllegalText(root: unknown): { path: string; char: string } | null {
  const stack: Array<{ v: unknown; path: string }> = [{ v: root, path: '' }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      const char = firstXmlIllegal(v);
      if (char) return { path, char };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    for (const k of Object.keys(v)) {
      const p = path ? `${path}.${k}` : k;
      const char = firstXmlIllegal(k);
      if (char) return { path: p, char };
      stack.push({ v: (v as Record<string, unknown>)[k], path: p });
    }
  }
  return null;
}

/** Keys no field or code of this API has, which the frameworks between here and the service drop silently. */
const OBJECT_MEMBERS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/** The path of the first key named like a member of Object.prototype; null when there is none. */
function forbiddenKey(root: unknown): string | null {
  const stack: Array<{ v: unknown; path: string }> = [{ v: root, path: '' }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    for (const k of Object.keys(v)) {
      const p = path ? `${path}.${k}` : k;
      const child = (v as Record<string, unknown>)[k];
      if (OBJECT_MEMBERS.has(k)) return p;
      stack.push({ v: child, path: p });
    }
  }
  return null;
}
