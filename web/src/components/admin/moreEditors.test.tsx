import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Activity, ActivityInput, UploadedImage } from '../../types/activity';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { imageApi } from '../../services/imageApi';
import { ActivityEditor } from './ActivityEditor';
import { checkImage } from './ImageField';

const png = (name = 'cat.png', size = 10) => new File([new Uint8Array(size)], name, { type: 'image/png' });
const uploaded = (id: string): UploadedImage => ({ id, width: 10, height: 10, content_type: 'image/png' });

function setup() {
  const user = userEvent.setup();
  const onCreate = vi.fn(async (_: ActivityInput) => undefined);
  const onUpload = vi.fn(async (f: File) => uploaded(`img-${f.name}`));
  render(<ActivityEditor onCreate={onCreate} onUpload={onUpload} onDone={() => undefined} />);
  return { user, onCreate, onUpload };
}

describe('ActivityEditor: the newer types', () => {
  it('creates a ranking with an image on an option and on the question', async () => {
    const { user, onCreate, onUpload } = setup();
    await user.click(screen.getByRole('radio', { name: /^Ranking/ }));
    await user.type(screen.getByRole('textbox', { name: 'Question' }), 'Best season?');
    await user.type(screen.getByLabelText('Item 1'), 'Spring');
    await user.type(screen.getByLabelText('Item 2'), 'Autumn');
    await user.upload(screen.getByLabelText('Image for option 2'), png('leaf.png'));
    await user.upload(screen.getByLabelText('Choose an image'), png('cover.png'));
    await waitFor(() => expect(onUpload).toHaveBeenCalledTimes(2));
    expect(await screen.findByRole('img', { name: 'Best season?' })).toHaveAttribute('src', '/api/v1/images/img-cover.png');
    await user.click(screen.getByRole('button', { name: 'Add activity' }));
    expect(onCreate).toHaveBeenCalledWith({
      type: 'ranking',
      title: 'Best season?',
      image_id: 'img-cover.png',
      options: [{ label: 'Spring' }, { label: 'Autumn', image_id: 'img-leaf.png' }],
      settings: {},
    });
  });

  it('creates scales with labels, 100 points with a total, a number quiz with a right value', async () => {
    const { user, onCreate } = setup();
    await user.click(screen.getByRole('radio', { name: /^Scales/ }));
    await user.type(screen.getByRole('textbox', { name: 'Question' }), 'How was it?');
    await user.type(screen.getByLabelText('Statement 1'), 'Clear');
    await user.click(screen.getByRole('button', { name: 'Remove statement 2' }));
    await user.clear(screen.getByLabelText('Highest value'));
    await user.type(screen.getByLabelText('Highest value'), '7');
    await user.type(screen.getByLabelText('Label of the lowest value'), 'No');
    await user.type(screen.getByLabelText('Label of the highest value'), 'Yes');
    await user.click(screen.getByRole('button', { name: 'Add activity' }));
    expect(onCreate.mock.calls[0]![0]).toMatchObject({
      type: 'scales',
      options: [{ label: 'Clear' }],
      settings: { min: 1, max: 7, min_label: 'No', max_label: 'Yes' },
    });
  });

  it('creates 100 points and a number with unit and right value', async () => {
    const { user, onCreate } = setup();
    await user.click(screen.getByRole('radio', { name: /^100 points/ }));
    await user.type(screen.getByRole('textbox', { name: 'Question' }), 'Budget');
    await user.type(screen.getByLabelText('Option 1'), 'A');
    await user.type(screen.getByLabelText('Option 2'), 'B');
    await user.clear(screen.getByLabelText('Points each person shares out'));
    await user.type(screen.getByLabelText('Points each person shares out'), '200');
    await user.click(screen.getByRole('button', { name: 'Add activity' }));
    expect(onCreate.mock.calls[0]![0]).toMatchObject({ type: 'points', settings: { total: 200 }, options: [{ label: 'A' }, { label: 'B' }] });
    expect(onCreate.mock.calls[0]![0].options?.[0]).not.toHaveProperty('image_id');
  });

  it('creates a number question, with a right value for the quiz variant', async () => {
    const { user, onCreate } = setup();
    await user.click(screen.getByRole('radio', { name: /^Number/ }));
    await user.type(screen.getByRole('textbox', { name: 'Question' }), 'How tall is the tower?');
    await user.clear(screen.getByLabelText('Highest allowed'));
    await user.type(screen.getByLabelText('Highest allowed'), '500');
    await user.type(screen.getByLabelText('Unit'), 'm');
    await user.click(screen.getByLabelText('Quiz: score answers close to a right value'));
    await user.type(screen.getByLabelText('Right value'), '324,5');
    await user.clear(screen.getByLabelText('Tolerance (±)'));
    await user.type(screen.getByLabelText('Tolerance (±)'), '10');
    await user.click(screen.getByRole('button', { name: 'Add activity' }));
    const input = onCreate.mock.calls[0]![0];
    expect(input.options).toBeUndefined();
    expect(input.settings).toEqual({ min: 0, max: 500, unit: 'm', correct: { value: 324.5, tolerance: 10 } });
  });

  it('creates a content slide with a Markdown body, previewed safely', async () => {
    const { user, onCreate } = setup();
    await user.click(screen.getByRole('radio', { name: /^Content slide/ }));
    await user.type(screen.getByRole('textbox', { name: 'Title' }), 'Welcome');
    const body = screen.getByRole('textbox', { name: 'Slide text' });
    // fireEvent: user.type reads braces and brackets as key names.
    fireEvent.change(body, { target: { value: '**Hi** [site](https://example.com) <img src=x onerror=alert(1)>' } });
    const preview = screen.getByTestId('body-preview');
    expect(preview.querySelector('strong')?.textContent).toBe('Hi');
    expect(preview.querySelector('a')).toHaveAttribute('rel', 'noopener noreferrer');
    expect(preview.querySelector('img')).toBeNull();
    expect(screen.queryByLabelText('Time limit (seconds)')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Add activity' }));
    expect(onCreate).toHaveBeenCalledWith({
      type: 'content',
      title: 'Welcome',
      body: '**Hi** [site](https://example.com) <img src=x onerror=alert(1)>',
      settings: {},
    });
  });

  it('edits a content slide: a changed body and a removed image are sent', async () => {
    const user = userEvent.setup();
    const onUpdate = vi.fn(async () => undefined);
    const slide = {
      id: 'c1',
      type: 'content',
      title: 'Intro',
      status: 'draft',
      position: 0,
      results_visible: false,
      options: [],
      settings: {},
      opened_at: null,
      body: 'Old',
      image_id: 'img1',
    } as Activity;
    render(<ActivityEditor activity={slide} onUpdate={onUpdate} onUpload={async () => uploaded('x')} onDone={() => undefined} />);
    expect(screen.getByRole('img', { name: 'Intro' })).toHaveAttribute('src', '/api/v1/images/img1');
    fireEvent.change(screen.getByRole('textbox', { name: 'Slide text' }), { target: { value: 'New' } });
    await user.click(screen.getByRole('button', { name: 'Remove image' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(onUpdate).toHaveBeenCalledWith({ title: 'Intro', settings: {}, body: 'New', image_id: null });
  });

  it('refuses a file that is not an image or is over 5 MB before uploading, and shows the server’s refusal', async () => {
    expect(checkImage(new File(['x'], 'a.txt', { type: 'text/plain' }))).toMatch(/PNG, JPEG, WebP or GIF/);
    expect(checkImage(png('big.png', 5 * 1024 * 1024 + 1))).toMatch(/over 5 MB/);
    expect(checkImage(png())).toBeNull();
    const user = userEvent.setup({ applyAccept: false });
    const onUpload = vi.fn(async (): Promise<UploadedImage> => {
      throw new Error('The file is not a PNG, JPEG, WebP or GIF image');
    });
    render(<ActivityEditor onCreate={async () => undefined} onUpload={onUpload} onDone={() => undefined} />);
    await user.upload(screen.getByLabelText('Choose an image'), new File(['x'], 'a.txt', { type: 'text/plain' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Choose a PNG, JPEG, WebP or GIF image.');
    expect(onUpload).not.toHaveBeenCalled();
    await user.upload(screen.getByLabelText('Choose an image'), png());
    expect(await screen.findByText('The file is not a PNG, JPEG, WebP or GIF image')).toBeInTheDocument();
  });

  it('takes an image dropped on the drop zone', async () => {
    const { onUpload } = setup();
    const zone = screen.getAllByTestId('image-drop')[0]!;
    fireEvent.dragOver(zone, { dataTransfer: { files: [png('drop.png')] } });
    fireEvent.drop(zone, { dataTransfer: { files: [png('drop.png')] } });
    await waitFor(() => expect(onUpload).toHaveBeenCalledWith(expect.objectContaining({ name: 'drop.png' })));
    expect(await screen.findByRole('img', { name: 'Image' })).toHaveAttribute('src', '/api/v1/images/img-drop.png');
  });
});

describe('imageApi.upload', () => {
  it('posts the file as multipart field "file" with the admin token', async () => {
    const { calls, fn } = mockFetch({ 'POST /api/v1/sessions/:id/images': () => json(uploaded('abc'), { status: 201 }) });
    await expect(imageApi.upload('s1', 'admintok', png('x.png'))).resolves.toEqual(uploaded('abc'));
    expect(calls[0]?.path).toBe('/api/v1/sessions/s1/images');
    expect(calls[0]?.headers.get('Authorization')).toBe('Bearer admintok');
    const body = fn.mock.calls[0]![1]!.body as FormData;
    expect(body).toBeInstanceOf(FormData);
    expect((body.get('file') as File).name).toBe('x.png');
  });

  it('turns a refusal into an ApiError naming the field', async () => {
    mockFetch({ 'POST /api/v1/sessions/:id/images': () => problem(422, [{ field: 'file', message: 'is not an image' }]) });
    await expect(imageApi.upload('s1', 't', png())).rejects.toMatchObject({ status: 422, fieldErrors: { file: 'is not an image' } });
  });
});
