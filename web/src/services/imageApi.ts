import { apiUpload } from './api';
import { enc } from './sessionApi';
import type { UploadedImage } from '../types/activity';

/** The image types and size the server takes (POST /sessions/{id}/images). */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;

export const imageApi = {
  /** Uploads an image for a session's activities (admin token; the file in the field `file`). */
  upload: (sid: string, token: string, file: File) =>
    apiUpload<UploadedImage>(`/sessions/${enc(sid)}/images`, 'file', file, token, file.name),
};
