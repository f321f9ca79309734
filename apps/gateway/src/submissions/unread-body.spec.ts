import { isMultipartForm } from './unread-body';

describe('isMultipartForm', () => {
  it('knows a multipart form by its media type, with its parameters', () => {
    expect(isMultipartForm('multipart/form-data; boundary=x')).toBe(true);
    expect(isMultipartForm('Multipart/Form-Data;boundary=x')).toBe(true);
  });

  it('refuses anything else, a form without parameters included', () => {
    expect(isMultipartForm(undefined)).toBe(false);
    expect(isMultipartForm('application/json')).toBe(false);
    expect(isMultipartForm('multipart/form-data')).toBe(false);
    expect(isMultipartForm('multipart/form-datax; boundary=x')).toBe(false);
  });
});
