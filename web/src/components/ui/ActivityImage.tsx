import { imageUrl } from '../../types/activity';

interface ActivityImageProps {
  imageId: string | null | undefined;
  /** The activity's title or the option's label. */
  alt: string;
  /** phone: fitted to the width; display: large, fitted into the space it is given; thumb: a small square. */
  size?: 'phone' | 'display' | 'thumb';
  className?: string;
}

const SIZE = {
  phone: 'max-h-[40vh] w-full rounded-2xl object-contain',
  display: 'h-full max-h-full w-full rounded-2xl object-contain',
  thumb: 'h-14 w-14 shrink-0 rounded-lg object-cover',
};

/** An uploaded image (activity or option), fitted, with its alt text; nothing without one. */
export function ActivityImage({ imageId, alt, size = 'phone', className = '' }: ActivityImageProps) {
  if (!imageId) return null;
  return <img src={imageUrl(imageId)} alt={alt} className={`${SIZE[size]} ${className}`} loading="lazy" decoding="async" data-testid="activity-image" />;
}
